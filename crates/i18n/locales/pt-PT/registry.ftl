## Registos de governação: instrumentos, instituições, programas (secções C.1 a C.3)

registry-no-instruments = O registo de políticas ainda não contém nenhum instrumento para este país.
registry-no-institutions = O registo de instituições ainda não contém nenhuma entrada para este país.
registry-no-projects = O registo de projetos ainda não contém nenhum programa ou projeto para este país.
table-ratifications = Instrumentos internacionais e o seu estado
table-ratifications-compare = Ratificação dos instrumentos internacionais por país
note-ratifications = Estado segundo a fonte citada. Os instrumentos que essa fonte não abrange (Convenção de 1951 relativa ao Estatuto dos Refugiados e o seu Protocolo de 1967, protocolos de Palermo, convenções 97 e 143 da OIT, protocolos da CEDEAO, textos nacionais) são introduzidos pelo Grupo de Trabalho Técnico, cada um com a sua fonte.
note-ratifications-compare = Ano de ratificação ou adesão; caso contrário, o estado. Instrumentos: { $instruments }.
table-institutions = Instituições de governação das migrações
table-projects = Programas e projetos das agências internacionais
col-instrument = Instrumento
col-status = Estado
col-year = Ano
col-country = País
col-institution = Instituição
col-parent = Tutela
col-mandate = Mandato
col-data-held = Dados detidos
col-project = Programa ou projeto
col-organisations = Organizações
col-budget = Orçamento
instrument-status-signed = Assinado
instrument-status-ratified = Ratificação ou adesão
instrument-status-in-force = Em vigor
instrument-status-adopted = Adotado
instrument-status-in-preparation = Em preparação
instrument-status-expired = Caducado
instrument-status-no-action = Não assinado
project-status-pipeline = Em preparação
project-status-implementation = Em curso
project-status-finalisation = Em encerramento
project-status-closed = Encerrado
project-status-cancelled = Cancelado
project-status-suspended = Suspenso

## Vista de coerência (secção C.1) e comparação regional

coherence-empty = O registo ainda não contém nenhum estatuto de instrumento para este país, pelo que a coerência do seu quadro político não pode ser descrita.
coherence-empty-all = O registo ainda não contém nenhum estatuto de instrumento para nenhum dos países.
coherence-themes = { $covered } dos { $total } temas do perfil estão cobertos por pelo menos um instrumento ratificado, adotado ou em vigor no país.
coherence-themes-uncovered = { $count ->
    [one] Nenhum instrumento registado cobre este tema: { $themes }.
   *[other] Nenhum instrumento registado cobre estes { $count } temas: { $themes }.
}
coherence-plan-with = A migração figura no plano nacional de desenvolvimento ({ $plan }).
coherence-plan-without = O plano nacional de desenvolvimento ({ $plan }) está registado, mas sem cobrir nenhum tema do perfil.
coherence-plan-none = Não está registado nenhum plano nacional de desenvolvimento em vigor, pelo que não se sabe se trata da migração.
coherence-fm-none = Não está registado nenhum estatuto para os protocolos da CEDEAO sobre a livre circulação.
coherence-fm = { $bound } dos { $entered } protocolos da CEDEAO sobre a livre circulação registados vinculam o país.
coherence-none = Nenhum registado
coherence-yes = Sim
coherence-no = Não
table-coherence = Temas do perfil e instrumentos que os cobrem
col-theme-code = Código
col-theme-name = Tema
col-instruments-covering = Instrumentos ratificados, adotados ou em vigor
note-coherence = Só contam os instrumentos cujo estatuto no país está registado; um tema assinalado «Nenhum registado» pode estar coberto por um texto que o registo ainda não contém.
table-free-movement = Livre circulação na CEDEAO: protocolos e a sua aplicação
col-implementation = Aplicação, tal como registada
table-coherence-compare = Coerência das políticas por país
col-themes-covered = Temas cobertos
col-free-movement = Protocolos da CEDEAO de livre circulação que vinculam o país
col-plan-migration = Migração no plano de desenvolvimento
note-coherence-compare = Temas do perfil cobertos por pelo menos um instrumento ratificado, adotado ou em vigor; protocolos que vinculam o país entre aqueles cujo estatuto está registado. Uma célula vazia significa que nada está registado.
registry-no-projects-all = O registo de projetos ainda não contém nenhum programa ou projeto para nenhum dos países.
col-projects = Projetos
table-projects-compare = Programas e projetos por país e tema
note-projects-compare = Número de projetos registados para cada país; um projeto conta em cada tema que cobre.

## Portal: páginas de políticas e programas, descargas do registo

web-policy-title = Quadro político: { $country }
web-programmes-title = Programas e projetos: { $country }
web-policy-regional-title = Políticas e programas comparados
web-policy-intro = Os instrumentos, o seu estatuto no país, a forma como cobrem os temas do perfil, e as instituições da governação das migrações. Cada entrada indica a sua fonte.
web-programmes-intro = Os programas e projetos das agências internacionais no país, tal como publicados pelas agências (IATI) ou registados pelo Grupo de Trabalho Técnico.
web-policy-regional-intro = Os dez países lado a lado: ratificações, coerência das políticas e projetos registados por tema.
web-policy-link = Quadro político e instituições
web-programmes-link = Programas das agências internacionais
web-policy-regional-link = Políticas e programas comparados entre países
web-registry-download = Descarregar o registo
web-registry-instruments = Instrumentos e o seu estatuto
web-registry-institutions = Instituições
web-registry-projects = Programas e projetos
web-registry-country-page = Perfil completo: { $country }

## Espaço de trabalho do GTT: entradas do registo

ws-registry-title = Registo das políticas: { $country }
ws-registry-not-secretariat = Só o secretariado, os presidentes e os membros do Grupo de Trabalho Técnico do país podem trabalhar no seu registo.
ws-registry-edit = Editar
ws-registry-new = Acrescentar um estatuto
ws-registry-change = Alterar este estatuto
ws-registry-f-instrument = Código do instrumento (maiúsculas, algarismos e _)
ws-registry-f-responsible = Organismo responsável
ws-registry-f-note = Nota (para os protocolos da CEDEAO: grau de aplicação)
ws-registry-f-source = Fonte (boletim oficial, registo de tratados ou documento, com a data)
ws-registry-f-new-instrument = Só para um instrumento que ainda não está no registo
ws-registry-f-kind = Tipo
ws-registry-f-short = Nome abreviado
ws-registry-f-title = Título, tal como publicado
ws-registry-f-themes = Temas do perfil que abrange
ws-registry-f-citation = Referência oficial
ws-registry-f-link = Ligação para o texto
ws-registry-save = Guardar
ws-registry-link = Registo das políticas
