### La bibliothèque de documents, les guides de collecte et les textes à rédiger : français.
### Chaque message existe en en, fr et pt-PT avec les mêmes $variables.

library-awaiting-text = [Texte en attente] Le texte de cette section n'est pas encore rédigé ou approuvé dans cette langue.

## La bibliothèque sur le portail.
library-heading = Bibliothèque
library-intro = Documents techniques, supports de formation, notes méthodologiques et rapports nationaux des groupes de travail techniques.
library-filter = Filtrer les documents
library-area = Pays ou région
library-theme = Thème
library-kind = Type de document
library-language = Langue
library-indicator = Code d'indicateur
library-all = Tous
library-show = Afficher
library-none = Aucun document ne correspond.
library-authors = Auteurs
library-themes = Thèmes
library-indicators = Indicateurs
library-older = Versions précédentes
library-members-only = réservé aux membres
library-regional = Afrique de l'Ouest et du Centre (régional)
library-kind-technical-paper = Document technique
library-kind-training = Support de formation
library-kind-method-note = Note méthodologique
library-kind-national-report = Rapport national
library-file = Version n° { $version }, { $type }, { $size }, { $date }
library-no-file = Ce fichier n'existe pas dans la bibliothèque.
library-link = Documents techniques et supports de formation de la bibliothèque

## La bibliothèque dans l'espace de travail.
library-ws-heading = Bibliothèque de documents
library-ws-intro = Les documents que vous pouvez lire, y compris ceux réservés aux membres de vos pays.
library-ws-public-page = La bibliothèque telle que le public la voit
library-ws-add = Ajouter un document
library-ws-country = Pays (GTT)
library-ws-regional = Il porte sur la région, pas seulement sur ce pays
library-ws-visibility = Qui peut le lire
library-ws-public = Tout le monde, sur le portail
library-ws-title = Titre
library-ws-indicators-hint = Codes d'indicateurs séparés par des virgules, par exemple IMM.STOCK, REM.IN
library-ws-file = Fichier
library-ws-file-hint = PDF, Word, Excel, PowerPoint, OpenDocument ou Markdown ; { $size } Mo au plus.
library-ws-note = Ce que cette version apporte ou modifie
library-ws-add-submit = Ajouter le document
library-ws-version-submit = Ajouter une nouvelle version
library-ws-make-public = Publier sur le portail
library-ws-make-members = Réserver aux membres
library-ws-refused-file = Le fichier a été refusé : { $why }.
library-ws-bad-country = Choisissez un pays.
library-ws-no-title = Donnez un titre au document.
library-ws-no-language = Cochez la ou les langues du document.
library-ws-bad-code = { $code } n'est ni un thème ni un indicateur du cadre.
library-ws-forbidden = Seuls les membres actifs du GTT du pays ajoutent des documents à sa bibliothèque.

## Le guide de collecte d'une organisation.
library-guide-title = Guide de collecte des données : { $organisation }
library-guide-subtitle = { $country } : les indicateurs à transmettre pour le Profil migratoire (version { $version } du cadre)
library-guide-intro-title = Quoi transmettre, comment et pour quand
library-guide-intro = Ce guide énumère les indicateurs que { $organisation } transmet au groupe de travail technique du pays ({ $country }), avec leur définition, leur unité, leurs ventilations, les sources recommandées et la manière de les transmettre. Il est produit à partir du cadre d'indicateurs et des attributions de l'organisation dans l'espace de travail du GTT ; il correspond donc toujours à ce que la plateforme attend. Les indicateurs que mprofile calcule à partir d'autres n'y figurent pas : personne ne les transmet.
library-guide-deadline = Les chiffres de l'édition { $edition } sont attendus au plus tard le { $date }.
library-guide-no-deadline = Aucune date limite n'est encore fixée pour l'édition en préparation ; le secrétariat du GTT l'annoncera.
library-guide-template = Transmettez { $count ->
    [one] l'indicateur de ce thème
   *[other] les { $count } indicateurs de ce thème
} avec le modèle de soumission pour { $country } et { $theme } (depuis la page de dépôt de l'espace de travail du GTT, ou mprofile template --country { $country } --theme { $theme }), ou par le formulaire de saisie de l'espace de travail.
library-guide-nothing = L'organisation n'a aucun indicateur à transmettre : aucun de ses fournisseurs de données n'a de thème attribué dans ce pays.
library-guide-ws-heading = Guides de collecte des données
library-guide-ws-intro = Le guide de chaque organisation énumère les indicateurs qu'elle transmet, leurs définitions, le modèle à utiliser et la date limite de l'édition en préparation. Il est produit à partir du cadre et des attributions ci-dessous ; il est donc toujours à jour.
library-guide-ws-none = Aucune organisation n'a encore de fournisseur de données ici.
