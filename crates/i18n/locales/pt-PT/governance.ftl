# Conclusões da vista de coerência (parte D) e comparação regional em linguagem corrente.

gov-finding-empty = O registo ainda não contém nenhum instrumento para o país, pelo que não se pode tirar nenhuma conclusão sobre a coerência do seu quadro político; o Grupo de Trabalho Técnico pode introduzir os textos com as suas fontes.
gov-finding-all-covered = Cada um dos { $total } temas do perfil está coberto por pelo menos um instrumento ratificado, adotado ou em vigor no país.
gov-finding-uncovered = { $count ->
    [one] Nenhum instrumento registado para o país cobre um tema do perfil ({ $themes }): o Grupo de Trabalho Técnico pode verificar se existe um texto e introduzi-lo, ou ter o tema em conta na preparação da próxima política.
   *[other] Nenhum instrumento registado para o país cobre { $count } temas do perfil ({ $themes }): o Grupo de Trabalho Técnico pode verificar se existem textos e introduzi-los, ou ter estes temas em conta na preparação da próxima política.
}
gov-finding-plan-with = O plano nacional de desenvolvimento ({ $plan }) trata da migração; o seu acompanhamento pode apoiar-se nos números deste perfil.
gov-finding-plan-without = O plano nacional de desenvolvimento ({ $plan }) está registado sem nenhum tema do perfil: a sua próxima revisão é uma oportunidade para integrar a migração.
gov-finding-plan-unknown = Não se sabe se o plano nacional de desenvolvimento trata da migração: não está registado nenhum plano em vigor, e introduzi-lo com a sua fonte responderia à questão.
gov-finding-signed = { $count ->
    [one] Um instrumento está assinado mas não ratificado: { $instruments }.
   *[other] { $count } instrumentos estão assinados mas não ratificados: { $instruments }.
}
gov-finding-fm-open = { $count ->
    [one] Um protocolo da CEDEAO sobre a livre circulação registado ainda não vincula o país: { $instruments }.
   *[other] { $count } protocolos da CEDEAO sobre a livre circulação registados ainda não vinculam o país: { $instruments }.
}
gov-regional-empty = O registo ainda não contém nenhum instrumento para nenhum dos países, pelo que os seus quadros políticos não podem ser comparados.
gov-regional-countries = O registo contém o estatuto de instrumentos para { $recorded } dos { $total } países.
gov-regional-plan = { $with ->
    [one] Um país registou um plano nacional de desenvolvimento que trata da migração ({ $countries });
   *[other] { $with } países registaram um plano nacional de desenvolvimento que trata da migração ({ $countries });
} { $without } têm um plano que não trata dela, e para { $unknown } não está registado nenhum plano em vigor.
gov-regional-plan-none = Nenhum país registou um plano nacional de desenvolvimento que trate da migração: { $without } têm um plano que não trata dela, e para { $unknown } não está registado nenhum plano em vigor.
gov-regional-least-covered = Os temas menos cobertos na região são: { $themes }; um instrumento que os cobre está registado em { $covered } dos { $recorded } países com entradas.
