# Conclusões da vista de coerência (parte D) e comparação regional em linguagem corrente.

gov-finding-empty = O registo ainda não contém nenhum instrumento para { $country_the }, pelo que não se pode tirar nenhuma conclusão sobre a coerência do seu quadro político; o Grupo de Trabalho Técnico pode introduzir os textos com as suas fontes.
gov-finding-all-covered = Cada um dos { $total } temas do perfil está coberto por pelo menos um instrumento ratificado, adotado ou em vigor { $country_in }.
gov-finding-uncovered = { $count ->
    [one] Nenhum instrumento registado para { $country_the } cobre um tema do perfil ({ $themes }): o Grupo de Trabalho Técnico pode verificar se existe um texto e introduzi-lo, ou ter o tema em conta na preparação da próxima política.
   *[other] Nenhum instrumento registado para { $country_the } cobre { $count } temas do perfil ({ $themes }): o Grupo de Trabalho Técnico pode verificar se existem textos e introduzi-los, ou ter estes temas em conta na preparação da próxima política.
}
gov-finding-plan-with = O plano nacional de desenvolvimento ({ $plan }) trata da migração; o seu acompanhamento pode apoiar-se nos números deste perfil.
gov-finding-plan-without = O plano nacional de desenvolvimento ({ $plan }) está registado sem nenhum tema do perfil: a sua próxima revisão é uma oportunidade para integrar a migração.
gov-finding-plan-unknown = Não se sabe se o plano nacional de desenvolvimento trata da migração: não está registado nenhum plano em vigor, e introduzi-lo com a sua fonte responderia à questão.
gov-finding-signed = { $count ->
    [one] Um instrumento está assinado mas não ratificado: { $instruments }.
   *[other] { $count } instrumentos estão assinados mas não ratificados: { $instruments }.
}
gov-finding-fm-open = { $count ->
    [one] Um protocolo da CEDEAO sobre a livre circulação registado ainda não vincula { $country_the }: { $instruments }.
   *[other] { $count } protocolos da CEDEAO sobre a livre circulação registados ainda não vinculam { $country_the }: { $instruments }.
}
gov-regional-empty = O registo ainda não contém nenhum instrumento para nenhum dos países, pelo que os seus quadros políticos não podem ser comparados.
gov-regional-countries = O registo contém o estatuto de instrumentos para { $recorded } dos { $total } países.
gov-regional-plan = { $with ->
    [one] Um país registou um plano nacional de desenvolvimento que trata da migração ({ $countries });
   *[other] { $with } países registaram um plano nacional de desenvolvimento que trata da migração ({ $countries });
} { $without } têm um plano que não trata dela, e para { $unknown } não está registado nenhum plano em vigor.
gov-regional-plan-none = Nenhum país registou um plano nacional de desenvolvimento que trate da migração: { $without } têm um plano que não trata dela, e para { $unknown } não está registado nenhum plano em vigor.
gov-regional-least-covered = Os temas menos cobertos na região são: { $themes }; um instrumento que os cobre está registado em { $covered } dos { $recorded } países com entradas.

## Os registos no espaço de trabalho do GTT: formulários e revisão

gov-ws-intro = Os instrumentos registados para o país e o seu estatuto, as suas instituições e os projetos registados para ele. Proponha uma entrada que os ficheiros públicos não dão, ou uma correção, com a fonte onde a leu: outro membro aprova-a, o secretariado publica-a, e cada passo fica registado no registo de auditoria.
gov-ws-review = Alterações em revisão
gov-ws-review-none = Nenhuma alteração aguarda revisão.
gov-ws-change = Alteração
gov-ws-proposer = Proposta por
gov-ws-state = Fase
gov-ws-state-proposed = Proposta
gov-ws-state-approved = Aprovada, por publicar
gov-ws-state-published = Publicada
gov-ws-state-rejected = Devolvida
gov-ws-approve = Aprovar
gov-ws-publish = Publicar
gov-ws-reject = Devolver
gov-ws-reason = Motivo
gov-ws-propose = Propor
gov-ws-not-allowed = A sua função no Grupo de Trabalho Técnico não permite este passo.
gov-ws-form-note = A alteração é publicada depois de outro membro a aprovar e de o secretariado a publicar.
gov-ws-statuses = Instrumentos e o seu estatuto
gov-ws-institutions = Instituições
gov-ws-projects = Programas e projetos
gov-ws-institution = Instituição
gov-ws-project = Projeto
gov-ws-new-institution = Adicionar uma instituição
gov-ws-change-institution = Alterar esta instituição
gov-ws-new-project = Adicionar um projeto
gov-ws-change-project = Alterar este projeto
gov-ws-f-instrument-described = O instrumento, se o registo ainda não o conhece
gov-ws-f-title-fr = Título em francês (se publicado)
gov-ws-f-title-pt = Título em português (se publicado)
gov-ws-f-instrument-year = Ano de adoção ou de abertura à assinatura
gov-ws-f-name = Nome, como a instituição o escreve
gov-ws-f-acronym = Sigla
gov-ws-f-mandate = Mandato em matéria de migração
gov-ws-f-parent = Órgão de tutela
gov-ws-f-contact = Ponto de contacto (endereço do serviço ou da unidade)
gov-ws-f-data-held = Dados que detém
gov-ws-f-organisation = Organização no espaço de trabalho
gov-ws-f-no-organisation = Não é membro do Grupo de Trabalho Técnico
gov-ws-f-identifier = Identificador (o identificador IATI, se existir)
gov-ws-f-project-title = Título
gov-ws-f-reporting = Organização declarante
gov-ws-f-implementing = Organizações executoras (separadas por ;)
gov-ws-f-donors = Doadores (separados por ;)
gov-ws-f-countries = Outros países abrangidos (códigos ISO como MLI NER)
gov-ws-f-start = Início (AAAA-MM-DD)
gov-ws-f-end = Fim (AAAA-MM-DD)
gov-ws-f-budget = Orçamento
gov-ws-f-currency = Moeda (código ISO como USD, EUR, XOF)
gov-ws-f-results = Resultados
gov-ws-f-unknown = Desconhecido
