# Short source names for reader-facing pages (publisher, title); the year follows from the
# dataset's vintage. File-level detail stays in the technical annex and the downloads.
reader-source-undesa-ims = UN DESA, International Migrant Stock
reader-source-undesa-ims-totals = UN DESA, International Migrant Stock
reader-source-un-wpp = UN DESA, World Population Prospects
reader-source-wb-wdi = World Bank, World Development Indicators
reader-source-un-wpp-wdi = UN DESA, World Population Prospects, via the World Bank
reader-source-wb-pop = World Bank, World Development Indicators
reader-source-wb-gdp = World Bank, World Development Indicators
reader-source-unhcr = UNHCR, Refugee Population Statistics
reader-source-unhcr-solutions = UNHCR, Refugee Population Statistics
reader-source-idmc-unhcr = IDMC, internally displaced persons, via UNHCR
reader-source-idmc-nd = IDMC, Global Internal Displacement Database
reader-source-idmc = IDMC, Global Internal Displacement Database
reader-source-iom-mmp = IOM, Missing Migrants Project
reader-source-frontex = Frontex, irregular border crossings
reader-source-eurostat-asyappctza = Eurostat, asylum applications
reader-source-unesco-uis = UNESCO Institute for Statistics, education data
reader-source-gapminder-sg = Gapminder, Systema Globalis
reader-source-gapminder-ihme = IHME, life expectancy, via Gapminder
reader-source-wb-knomad = World Bank, KNOMAD bilateral matrices
reader-source-wpdl-hr-treaties = UN Treaty Collection, via World Politics Data Lab
reader-source-mprofile-registry = Technical Working Group registry
# Under an indicator table: the indicators of the section with no figure yet.
reader-gaps = No figures yet for: { $names }.
