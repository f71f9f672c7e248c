### Chiffres signalés : la note qui dit ce que signifie une mention, et les phrases qui citent
### des chiffres de plusieurs sources.

# Une phrase générée dont les chiffres viennent de deux sources ou plus, suivie de leurs noms.
onefig-sentence-sources = { $sentence } (Sources : { $sources }.)

# La note sous un bloc qui contient des chiffres signalés ; $mark est la mention imprimée à côté du chiffre.
onefig-mark-u = « { $mark } » : l'éditeur, ou les contrôles de mprofile à l'import, signalent ce chiffre comme peu fiable ; à vérifier avant usage.
onefig-mark-p = « { $mark } » : un chiffre provisoire, que l'éditeur peut encore réviser.
onefig-mark-e = « { $mark } » : un chiffre estimé par l'éditeur, non dénombré.
onefig-mark-b = « { $mark } » : une rupture de série ; le chiffre n'est pas comparable aux années précédentes.
onefig-mark-f = « { $mark } » : une projection, non un chiffre observé.
onefig-mark-inherited = Un chiffre calculé à partir d'un chiffre signalé porte la même mention.
onefig-mark-circled = Les points entourés et les barres au contour en tirets sont signalés.

# Personnes déplacées internes : le chiffre publié par l'IDMC (conflits et violence) et le total
# que mprofile additionne à partir des cellules par sexe et âge modélisées par l'IDMC.
onefig-idps-headline = Fin { $year }, l'IDMC dénombrait { $headline } personnes déplacées à l'intérieur du pays par les conflits et la violence (son chiffre publié). Avec les personnes déplacées par les catastrophes, le total atteint { $value }, une somme faite par mprofile des cellules par sexe et âge que l'IDMC modélise, et non un chiffre publié par l'IDMC.
onefig-idps-modelled = Fin { $year }, { $value } personnes étaient déplacées à l'intérieur du pays par les conflits et les catastrophes, un total que mprofile additionne à partir des cellules par sexe et âge modélisées par l'IDMC, et non un chiffre publié par l'IDMC.

# La cellule « source » d’un chiffre calculé ; $sources nomme chaque source dont il est calculé.
onefig-computed-from = Calculé à partir de : { $sources }
# À la place d’un bloc dont le modèle nomme un code absent du cadre d’indicateurs.
onefig-template-unknown-indicator = Le modèle de document nomme l’indicateur { $code }, que le cadre d’indicateurs ne contient pas ; ce bloc ne peut pas être affiché.
onefig-template-unknown-theme = Le modèle de document nomme le thème { $code }, que le cadre d’indicateurs ne contient pas ; ce bloc ne peut pas être affiché.
# Libellés du chiffre clé des personnes déplacées internes.
onefig-kf-idps-headline = Personnes déplacées internes (conflits et violence, chiffre publié par l’IDMC)
onefig-kf-idps-summed = Personnes déplacées internes (total additionné par mprofile à partir des cellules modélisées par l’IDMC)
