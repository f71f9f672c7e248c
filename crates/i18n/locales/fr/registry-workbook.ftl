# Le classeur des registres dans l'espace du GTT : téléchargement pour le travail hors ligne, envoi comme modifications proposées.
regwb-heading = Classeur des registres (XLSX) pour le travail hors ligne
regwb-intro = Téléchargez le registre de votre pays sous forme de classeur XLSX, corrigez ou ajoutez des instruments et leur statut, des institutions et des projets, puis renvoyez-le. Chaque ligne ajoutée ou modifiée devient une modification proposée : un autre membre l'approuve et le secrétariat la publie, comme avec les formulaires. Les lignes des sources publiques sont là pour référence et ne sont pas modifiées.
regwb-downloads = Télécharger
regwb-download-country = Classeur des registres : { $country }
regwb-download-all = Classeur des registres : vos { $count } pays
regwb-upload = Envoyer le classeur modifié
regwb-upload-note = Un fichier XLSX de { $size } Mo au plus. Laissez la colonne source vide sur une nouvelle ligne et indiquez dans la colonne read_at où chaque entrée a été lue (journal officiel, décret, registre des traités, rapport ou page, avec sa date). Rien n'est proposé tant que chaque ligne ne peut pas l'être.
regwb-send = Proposer les modifications
regwb-proposed = { $count ->
    [one] Une modification a été proposée ; elle attend son approbation sur la page du registre.
   *[other] { $count } modifications ont été proposées ; elles attendent leur approbation sur la page du registre.
}
regwb-nothing = Le classeur ne contient aucune modification du registre : rien n'a été proposé.
regwb-link = Classeur des registres (XLSX)
