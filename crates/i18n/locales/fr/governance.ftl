# Constats de la vue de cohérence (partie D) et comparaison régionale en langage courant.

gov-finding-empty = Le registre ne contient encore aucun instrument pour { $country_the } ; aucun constat sur la cohérence de son cadre politique ne peut donc être tiré, et le Groupe de travail technique peut saisir les textes avec leurs sources.
gov-finding-all-covered = Chacun des { $total } thèmes du profil est couvert par au moins un instrument ratifié, adopté ou en vigueur { $country_in }.
gov-finding-uncovered = { $count ->
    [one] Aucun instrument enregistré pour { $country_the } ne couvre un thème du profil ({ $themes }) : le Groupe de travail technique peut vérifier si un texte existe et le saisir, ou prendre ce thème en compte lors de la préparation de la prochaine politique.
   *[other] Aucun instrument enregistré pour { $country_the } ne couvre { $count } thèmes du profil ({ $themes }) : le Groupe de travail technique peut vérifier si des textes existent et les saisir, ou prendre ces thèmes en compte lors de la préparation de la prochaine politique.
}
gov-finding-plan-with = Le plan national de développement ({ $plan }) traite de la migration ; son suivi peut s'appuyer sur les chiffres de ce profil.
gov-finding-plan-without = Le plan national de développement ({ $plan }) est enregistré sans aucun thème du profil : sa prochaine révision est l'occasion d'y intégrer la migration.
gov-finding-plan-unknown = On ne sait pas si le plan national de développement traite de la migration : aucun plan en vigueur n'est enregistré, et le saisir avec sa source répondrait à la question.
gov-finding-signed = { $count ->
    [one] Un instrument est signé mais non ratifié : { $instruments }.
   *[other] { $count } instruments sont signés mais non ratifiés : { $instruments }.
}
gov-finding-fm-open = { $count ->
    [one] Un protocole de la CEDEAO sur la libre circulation enregistré ne lie pas encore { $country_the } : { $instruments }.
   *[other] { $count } protocoles de la CEDEAO sur la libre circulation enregistrés ne lient pas encore { $country_the } : { $instruments }.
}
gov-regional-empty = Le registre ne contient encore aucun instrument pour aucun des pays ; leurs cadres politiques ne peuvent donc pas être comparés.
gov-regional-countries = Le registre contient le statut d'instruments pour { $recorded } des { $total } pays.
gov-regional-plan = { $with ->
    [one] Un pays a enregistré un plan national de développement qui traite de la migration ({ $countries }) ;
   *[other] { $with } pays ont enregistré un plan national de développement qui traite de la migration ({ $countries }) ;
} { $without } ont un plan qui n'en traite pas, et pour { $unknown } aucun plan en vigueur n'est enregistré.
gov-regional-plan-none = Aucun pays n'a enregistré de plan national de développement qui traite de la migration : { $without } ont un plan qui n'en traite pas, et pour { $unknown } aucun plan en vigueur n'est enregistré.
gov-regional-least-covered = Les thèmes les moins couverts dans la région sont : { $themes } ; un instrument qui les couvre est enregistré dans { $covered } des { $recorded } pays ayant des entrées.

## Les registres dans l'espace de travail du GTT : formulaires et examen

gov-ws-intro = Les instruments enregistrés pour le pays et leur statut, ses institutions et les projets enregistrés pour lui. Proposez une entrée que les fichiers publics ne donnent pas, ou une correction, avec la source où vous l'avez lue : un autre membre l'approuve, le secrétariat la publie, et chaque étape est inscrite au journal d'audit.
gov-ws-review = Modifications en cours d'examen
gov-ws-review-none = Aucune modification n'attend d'examen.
gov-ws-change = Modification
gov-ws-proposer = Proposée par
gov-ws-state = Étape
gov-ws-state-proposed = Proposée
gov-ws-state-approved = Approuvée, à publier
gov-ws-state-published = Publiée
gov-ws-state-rejected = Renvoyée
gov-ws-approve = Approuver
gov-ws-publish = Publier
gov-ws-reject = Renvoyer
gov-ws-reason = Motif
gov-ws-propose = Proposer
gov-ws-not-allowed = Votre rôle dans le Groupe de travail technique ne permet pas cette étape.
gov-ws-form-note = La modification est publiée une fois qu'un autre membre l'a approuvée et que le secrétariat l'a publiée.
gov-ws-statuses = Instruments et leur statut
gov-ws-institutions = Institutions concernées
gov-ws-projects = Programmes et projets
gov-ws-institution = Organisme
gov-ws-project = Projet
gov-ws-new-institution = Ajouter une institution
gov-ws-change-institution = Modifier cette institution
gov-ws-new-project = Ajouter un projet
gov-ws-change-project = Modifier ce projet
gov-ws-f-instrument-described = L'instrument, si le registre ne le connaît pas encore
gov-ws-f-title-fr = Titre en français (s'il est publié)
gov-ws-f-title-pt = Titre en portugais (s'il est publié)
gov-ws-f-instrument-year = Année d'adoption ou d'ouverture à la signature
gov-ws-f-name = Nom, tel que l'institution l'écrit
gov-ws-f-acronym = Sigle
gov-ws-f-mandate = Mandat en matière de migration
gov-ws-f-parent = Organe de tutelle
gov-ws-f-contact = Point de contact (adresse du service ou de l'unité)
gov-ws-f-data-held = Données qu'elle détient
gov-ws-f-organisation = Organisation dans l'espace de travail
gov-ws-f-no-organisation = Non membre du Groupe de travail technique
gov-ws-f-identifier = Identifiant (l'identifiant IATI s'il existe)
gov-ws-f-project-title = Titre
gov-ws-f-reporting = Organisation déclarante
gov-ws-f-implementing = Organisations de mise en œuvre (séparées par ;)
gov-ws-f-donors = Bailleurs (séparés par ;)
gov-ws-f-countries = Autres pays couverts (codes ISO tels que MLI NER)
gov-ws-f-start = Début (AAAA-MM-JJ)
gov-ws-f-end = Fin (AAAA-MM-JJ)
gov-ws-f-budget = Montant du budget
gov-ws-f-currency = Monnaie (code ISO tel que USD, EUR, XOF)
gov-ws-f-results = Résultats
gov-ws-f-unknown = Inconnu
