### A biblioteca de documentos, os guias de recolha e os textos por redigir: português.
### Cada mensagem existe em en, fr e pt-PT com as mesmas $variables.

library-awaiting-text = [Texto em falta] O texto desta secção ainda não foi redigido ou aprovado nesta língua.
