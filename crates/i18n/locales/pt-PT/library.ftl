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

## O guia de recolha de uma organização.
library-guide-title = Guia de recolha de dados: { $organisation }
library-guide-subtitle = { $country }: os indicadores a comunicar para o Perfil Migratório (versão { $version } do quadro)
library-guide-intro-title = O que comunicar, como e até quando
library-guide-intro = Este guia enumera os indicadores que { $organisation } comunica ao grupo de trabalho técnico do país ({ $country }), com a sua definição, unidade, desagregações, fontes recomendadas e a forma de os comunicar. É gerado a partir do quadro de indicadores e das atribuições da organização no espaço de trabalho do GTT, pelo que corresponde sempre ao que a plataforma espera. Os indicadores que o mprofile calcula a partir de outros não constam: ninguém os comunica.
library-guide-deadline = Os valores da edição { $edition } devem ser entregues até { $date }.
library-guide-no-deadline = Ainda não foi fixado um prazo para a edição em preparação; o secretariado do GTT irá anunciá-lo.
library-guide-template = Comunique { $count ->
    [one] o indicador deste tema
   *[other] os { $count } indicadores deste tema
} com o modelo de submissão para { $country } e { $theme } (na página de envio do espaço de trabalho do GTT, ou mprofile template --country { $country } --theme { $theme }), ou pelo formulário de introdução do espaço de trabalho.
library-guide-nothing = A organização não tem indicadores a comunicar: nenhum dos seus fornecedores de dados tem um tema atribuído neste país.
library-guide-ws-heading = Guias de recolha de dados
library-guide-ws-intro = O guia de cada organização enumera os indicadores que comunica, as suas definições, o modelo a utilizar e o prazo da edição em preparação. É gerado a partir do quadro e das atribuições abaixo, pelo que está sempre atualizado.
library-guide-ws-none = Nenhuma organização tem ainda um fornecedor de dados aqui.
