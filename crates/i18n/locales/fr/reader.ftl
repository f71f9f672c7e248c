# Noms courts des sources pour le lecteur (éditeur, titre) ; l'année vient du millésime.
reader-source-undesa-ims = ONU-DAES, Stock de migrants internationaux
reader-source-undesa-ims-totals = ONU-DAES, Stock de migrants internationaux
reader-source-un-wpp = ONU-DAES, Perspectives de la population mondiale
reader-source-wb-wdi = Banque mondiale, Indicateurs du développement dans le monde
reader-source-un-wpp-wdi = ONU-DAES, Perspectives de la population mondiale, via la Banque mondiale
reader-source-wb-pop = Banque mondiale, Indicateurs du développement dans le monde
reader-source-wb-gdp = Banque mondiale, Indicateurs du développement dans le monde
reader-source-unhcr = HCR, Statistiques sur les populations réfugiées
reader-source-unhcr-solutions = HCR, Statistiques sur les populations réfugiées
reader-source-idmc-unhcr = IDMC, personnes déplacées internes, via le HCR
reader-source-idmc-nd = IDMC, Base de données mondiale sur les déplacements internes
reader-source-idmc = IDMC, Base de données mondiale sur les déplacements internes
reader-source-iom-mmp = OIM, Projet Migrants disparus
reader-source-frontex = Frontex, franchissements irréguliers des frontières
reader-source-eurostat-asyappctza = Eurostat, demandes d'asile
reader-source-unesco-uis = Institut de statistique de l'UNESCO, données sur l'éducation
reader-source-gapminder-sg = Gapminder, base Systema Globalis
reader-source-gapminder-ihme = IHME, espérance de vie, via Gapminder
reader-source-wb-knomad = Banque mondiale, matrices bilatérales KNOMAD
reader-source-wpdl-hr-treaties = Collection des traités de l'ONU, via World Politics Data Lab
reader-source-mprofile-registry = Registre du Groupe de travail technique
# Sous un tableau d'indicateurs : ceux de la section sans chiffre pour l'instant.
reader-gaps = Pas encore de chiffres pour : { $names }.
