### A biblioteca de documentos, os guias de recolha e os textos por redigir: português.
### Cada mensagem existe em en, fr e pt-PT com as mesmas $variables.

library-awaiting-text = [Texto em falta] O texto desta secção ainda não foi redigido ou aprovado nesta língua.

## A biblioteca no portal.
library-heading = Biblioteca
library-intro = Documentos técnicos, material de formação, notas metodológicas e relatórios nacionais dos grupos de trabalho técnicos.
library-filter = Filtrar os documentos
library-area = País ou região
library-theme = Tema
library-kind = Tipo de documento
library-language = Língua
library-indicator = Código do indicador
library-all = Todos
library-show = Mostrar
library-none = Nenhum documento corresponde.
library-authors = Autores
library-themes = Temas
library-indicators = Indicadores
library-older = Versões anteriores
library-members-only = reservado aos membros
library-regional = África Ocidental e Central (regional)
library-kind-technical-paper = Documento técnico
library-kind-training = Material de formação
library-kind-method-note = Nota metodológica
library-kind-national-report = Relatório nacional
library-file = Versão { $version }, { $type }, { $size }, { $date }
library-no-file = Este ficheiro não existe na biblioteca.
library-link = Documentos técnicos e material de formação da biblioteca

## A biblioteca no espaço de trabalho.
library-ws-heading = Biblioteca de documentos
library-ws-intro = Os documentos que pode ler, incluindo os reservados aos membros dos seus países.
library-ws-public-page = A biblioteca tal como o público a vê
library-ws-add = Acrescentar um documento
library-ws-country = País (GTT)
library-ws-regional = Abrange a região, não só este país
library-ws-visibility = Quem o pode ler
library-ws-public = Todos, no portal
library-ws-title = Título
library-ws-indicators-hint = Códigos de indicadores separados por vírgulas, por exemplo IMM.STOCK, REM.IN
library-ws-file = Ficheiro
library-ws-file-hint = PDF, Word, Excel, PowerPoint, OpenDocument ou Markdown; no máximo { $size } MB.
library-ws-note = O que esta versão traz ou altera
library-ws-add-submit = Acrescentar o documento
library-ws-version-submit = Acrescentar uma nova versão
library-ws-make-public = Publicar no portal
library-ws-make-members = Reservar aos membros
library-ws-refused-file = O ficheiro foi recusado: { $why }.
library-ws-bad-country = Escolha um país.
library-ws-no-title = Dê um título ao documento.
library-ws-no-language = Assinale a língua ou as línguas do documento.
library-ws-bad-code = { $code } não é um tema nem um indicador do quadro.
library-ws-forbidden = Só os membros ativos do GTT do país acrescentam documentos à sua biblioteca.
