# Constats de la vue de cohérence (partie D) et comparaison régionale en langage courant.

gov-finding-empty = Le registre ne contient encore aucun instrument pour le pays ; aucun constat sur la cohérence de son cadre politique ne peut donc être tiré, et le Groupe de travail technique peut saisir les textes avec leurs sources.
gov-finding-all-covered = Chacun des { $total } thèmes du profil est couvert par au moins un instrument ratifié, adopté ou en vigueur dans le pays.
gov-finding-uncovered = { $count ->
    [one] Aucun instrument enregistré pour le pays ne couvre un thème du profil ({ $themes }) : le Groupe de travail technique peut vérifier si un texte existe et le saisir, ou prendre ce thème en compte lors de la préparation de la prochaine politique.
   *[other] Aucun instrument enregistré pour le pays ne couvre { $count } thèmes du profil ({ $themes }) : le Groupe de travail technique peut vérifier si des textes existent et les saisir, ou prendre ces thèmes en compte lors de la préparation de la prochaine politique.
}
gov-finding-plan-with = Le plan national de développement ({ $plan }) traite de la migration ; son suivi peut s'appuyer sur les chiffres de ce profil.
gov-finding-plan-without = Le plan national de développement ({ $plan }) est enregistré sans aucun thème du profil : sa prochaine révision est l'occasion d'y intégrer la migration.
gov-finding-plan-unknown = On ne sait pas si le plan national de développement traite de la migration : aucun plan en vigueur n'est enregistré, et le saisir avec sa source répondrait à la question.
gov-finding-signed = { $count ->
    [one] Un instrument est signé mais non ratifié : { $instruments }.
   *[other] { $count } instruments sont signés mais non ratifiés : { $instruments }.
}
gov-finding-fm-open = { $count ->
    [one] Un protocole de la CEDEAO sur la libre circulation enregistré ne lie pas encore le pays : { $instruments }.
   *[other] { $count } protocoles de la CEDEAO sur la libre circulation enregistrés ne lient pas encore le pays : { $instruments }.
}
gov-regional-empty = Le registre ne contient encore aucun instrument pour aucun des pays ; leurs cadres politiques ne peuvent donc pas être comparés.
gov-regional-countries = Le registre contient le statut d'instruments pour { $recorded } des { $total } pays.
gov-regional-plan = { $with ->
    [one] Un pays a enregistré un plan national de développement qui traite de la migration ({ $countries }) ;
   *[other] { $with } pays ont enregistré un plan national de développement qui traite de la migration ({ $countries }) ;
} { $without } ont un plan qui n'en traite pas, et pour { $unknown } aucun plan en vigueur n'est enregistré.
gov-regional-plan-none = Aucun pays n'a enregistré de plan national de développement qui traite de la migration : { $without } ont un plan qui n'en traite pas, et pour { $unknown } aucun plan en vigueur n'est enregistré.
gov-regional-least-covered = Les thèmes les moins couverts dans la région sont : { $themes } ; un instrument qui les couvre est enregistré dans { $covered } des { $recorded } pays ayant des entrées.
