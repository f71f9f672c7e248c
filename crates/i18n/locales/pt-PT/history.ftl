### Histórico de um valor no espaço de trabalho do GTT: português.
### Cada mensagem existe em en, fr e pt-PT com as mesmas $variáveis.

ws-fig-title = Histórico de um valor
ws-fig-what = { $indicator } · { $country } · { $period } · fonte { $source }
ws-fig-published = Valor publicado
ws-fig-not-published = Ainda não publicado.
ws-fig-submission = Submissão { $id } de { $org } ({ $state })
ws-fig-values = Valores desta submissão
ws-fig-dims = Desagregação
ws-fig-value = Valor
ws-fig-step = Etapa
ws-fig-who = Por
ws-fig-when = Quando (UTC)
ws-fig-reason = Motivo
ws-fig-created = Criada
ws-fig-sent-back = Devolvida
ws-fig-none = Nenhuma submissão do espaço de trabalho contém este valor.
ws-fig-unreadable = O ficheiro desta submissão já não pode ser lido: { $problem }

## Limitação de tentativas de início de sessão por endereço.
ws-ip-throttled = Demasiadas tentativas falhadas a partir deste endereço: aguarde dez minutos antes de tentar de novo.
