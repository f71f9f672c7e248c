### Rascunhos dos membros (`mprofile build --draft`): português.
### Cada mensagem existe em en, fr e pt-PT com as mesmas $variáveis.

draft-mark = RASCUNHO
draft-note = Rascunho reservado aos membros, não divulgar: inclui valores de submissões ainda não publicadas ({ $list }).
draft-note-none = Rascunho reservado aos membros, não divulgar: nenhuma submissão aguarda publicação, os valores são os publicados.
draft-submission = n.º { $id } de { $org }, { $state }
