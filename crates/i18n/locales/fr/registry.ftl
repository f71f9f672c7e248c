## Registres de gouvernance : instruments, institutions, programmes (sections C.1 à C.3)

registry-no-instruments = Le registre des politiques ne contient encore aucun instrument pour ce pays.
registry-no-institutions = Le registre des institutions ne contient encore aucune entrée pour ce pays.
registry-no-projects = Le registre des projets ne contient encore aucun programme ni projet pour ce pays.
table-ratifications = Instruments internationaux et leur statut
table-ratifications-compare = Ratification des instruments internationaux par pays
note-ratifications = Statut selon la source citée. Les instruments que cette source ne couvre pas (Convention de 1951 relative au statut des réfugiés et son Protocole de 1967, protocoles de Palerme, conventions 97 et 143 de l'OIT, protocoles de la CEDEAO, textes nationaux) sont saisis par le Groupe de travail technique, chacun avec sa propre source.
note-ratifications-compare = Année de ratification ou d'adhésion ; à défaut, le statut. Instruments : { $instruments }.
table-institutions = Institutions de la gouvernance des migrations
table-projects = Programmes et projets des agences internationales
col-instrument = Instrument juridique
col-status = Statut
col-year = Année
col-country = Pays
col-institution = Organisme
col-parent = Tutelle
col-mandate = Mandat
col-data-held = Données détenues
col-project = Programme ou projet
col-organisations = Organismes
col-budget = Budget prévu
instrument-status-signed = Signé
instrument-status-ratified = Ratification ou adhésion
instrument-status-in-force = En vigueur
instrument-status-adopted = Adopté
instrument-status-in-preparation = En préparation
instrument-status-expired = Expiré
instrument-status-no-action = Non signé
project-status-pipeline = En préparation
project-status-implementation = En cours
project-status-finalisation = En clôture
project-status-closed = Clôturé
project-status-cancelled = Annulé
project-status-suspended = Suspendu

## Vue de cohérence (section C.1) et comparaison régionale

coherence-empty = Le registre ne contient encore aucun statut d'instrument pour ce pays ; la cohérence de son cadre politique ne peut donc pas être décrite.
coherence-empty-all = Le registre ne contient encore aucun statut d'instrument pour aucun des pays.
coherence-themes = { $covered } des { $total } thèmes du profil sont couverts par au moins un instrument ratifié, adopté ou en vigueur dans le pays.
coherence-themes-uncovered = { $count ->
    [one] Aucun instrument enregistré ne couvre ce thème : { $themes }.
   *[other] Aucun instrument enregistré ne couvre ces { $count } thèmes : { $themes }.
}
coherence-plan-with = La migration figure dans le plan national de développement ({ $plan }).
coherence-plan-without = Le plan national de développement ({ $plan }) est enregistré, mais sans couvrir aucun thème du profil.
coherence-plan-none = Aucun plan national de développement en vigueur n'est enregistré ; on ne sait donc pas s'il traite de la migration.
coherence-fm-none = Aucun statut n'est enregistré pour les protocoles de la CEDEAO sur la libre circulation.
coherence-fm = { $bound } des { $entered } protocoles de la CEDEAO sur la libre circulation enregistrés lient le pays.
coherence-none = Aucun enregistré
coherence-yes = Oui
coherence-no = Non
table-coherence = Thèmes du profil et instruments qui les couvrent
col-theme-code = Code du thème
col-theme-name = Thème
col-instruments-covering = Instruments ratifiés, adoptés ou en vigueur
note-coherence = Seuls comptent les instruments dont le statut dans le pays est enregistré ; un thème marqué « Aucun enregistré » peut être couvert par un texte que le registre ne contient pas encore.
table-free-movement = Libre circulation CEDEAO : protocoles et mise en œuvre
col-implementation = Mise en œuvre, telle que saisie
table-coherence-compare = Cohérence des politiques par pays
col-themes-covered = Thèmes couverts
col-free-movement = Protocoles CEDEAO de libre circulation liant le pays
col-plan-migration = Migration dans le plan de développement
note-coherence-compare = Thèmes du profil couverts par au moins un instrument ratifié, adopté ou en vigueur ; protocoles liant le pays parmi ceux dont le statut est enregistré. Une cellule vide signifie que rien n'est enregistré.
registry-no-projects-all = Le registre des projets ne contient encore aucun programme ni projet pour aucun des pays.
col-projects = Projets
table-projects-compare = Programmes et projets par pays et par thème
note-projects-compare = Nombre de projets enregistrés pour chaque pays ; un projet compte dans chaque thème qu'il couvre.

## Portail : pages politiques et programmes, téléchargements du registre

web-policy-title = Cadre politique : { $country }
web-programmes-title = Programmes et projets : { $country }
web-policy-regional-title = Politiques et programmes comparés
web-policy-intro = Les instruments, leur statut dans le pays, la manière dont ils couvrent les thèmes du profil, et les institutions de la gouvernance des migrations. Chaque entrée cite sa source.
web-programmes-intro = Les programmes et projets des agences internationales dans le pays, tels que publiés par les agences (IATI) ou saisis par le Groupe de travail technique.
web-policy-regional-intro = Les dix pays côte à côte : ratifications, cohérence des politiques et projets enregistrés par thème.
web-policy-link = Cadre politique et institutions
web-programmes-link = Programmes des agences internationales
web-policy-regional-link = Politiques et programmes comparés entre pays
web-registry-download = Télécharger le registre
web-registry-instruments = Instruments et leur statut
web-registry-institutions = Registre des institutions
web-registry-projects = Programmes et projets
web-registry-country-page = Profil complet : { $country }

## Espace de travail du GTT : entrées du registre

ws-registry-title = Registre des politiques : { $country }
ws-registry-not-secretariat = Seuls le secrétariat, les présidents et les membres du Groupe de travail technique du pays peuvent travailler sur son registre.
ws-registry-edit = Modifier
ws-registry-new = Ajouter un statut
ws-registry-change = Modifier ce statut
ws-registry-f-instrument = Code de l'instrument (majuscules, chiffres et _)
ws-registry-f-responsible = Organe responsable
ws-registry-f-note = Note (pour les protocoles de la CEDEAO : degré d'application)
ws-registry-f-source = Source (journal officiel, registre des traités ou document, avec sa date)
ws-registry-f-new-instrument = Seulement pour un instrument qui n'est pas encore dans le registre
ws-registry-f-kind = Type
ws-registry-f-short = Nom court
ws-registry-f-title = Titre, tel que publié
ws-registry-f-themes = Thèmes du profil qu'il couvre
ws-registry-f-citation = Référence officielle
ws-registry-f-link = Lien vers le texte
ws-registry-save = Enregistrer
ws-registry-link = Registre des politiques
