## La page publique des sources, en mots simples ; le détail des fichiers est sur sa page technique.

sources-plain-intro = D'où viennent les chiffres : qui publie chaque jeu de données, sous quelle licence, et quels pays et quelles années il couvre.
sources-technical-link = Détails techniques : fichiers lus, sommes de contrôle et nombre d'observations
sources-technical-title = Sources : détails techniques
sources-back = Retour aux sources
sources-edition = Édition utilisée : { $edition }
sources-earlier = Éditions antérieures conservées : { $editions }
sources-covers = Couvre { $countries }, { $years }.
sources-figures = { $count ->
    [one] Un chiffre dans la base.
   *[other] { $count } chiffres dans la base.
}

## La comparaison des pays des profils pour un indicateur, à une année choisie.

compare-year = Année
compare-latest = Derniers chiffres
compare-title-year = { $indicator } : dernière valeur jusqu'en { $year } dans chaque pays

## Sous chaque graphique d'une page d'indicateur.

chart-download = Télécharger ce graphique :
