# O livro dos registos no espaço do GTT: descarregar para trabalho offline, enviar como alterações propostas.
regwb-heading = Livro dos registos (XLSX) para trabalho offline
regwb-intro = Descarregue o registo do seu país como livro XLSX, corrija ou acrescente instrumentos e o seu estatuto, instituições e projetos, e envie-o de volta. Cada linha acrescentada ou alterada torna-se uma alteração proposta: outro membro aprova-a e o secretariado publica-a, como nos formulários. As linhas de fontes públicas ficam para referência e não são alteradas.
regwb-downloads = Descarregar
regwb-download-country = Livro dos registos: { $country }
regwb-download-all = Livro dos registos: os seus { $count } países
regwb-upload = Enviar o livro editado
regwb-upload-note = Um ficheiro XLSX de { $size } MB no máximo. Deixe a coluna source vazia numa linha nova e escreva na coluna read_at onde cada entrada foi lida (boletim oficial, decreto, registo do tratado, relatório ou página, com a data). Nada é proposto enquanto todas as linhas não o puderem ser.
regwb-send = Propor as alterações
regwb-proposed = { $count ->
    [one] Foi proposta uma alteração; aguarda aprovação na página do registo.
   *[other] Foram propostas { $count } alterações; aguardam aprovação na página do registo.
}
regwb-nothing = O livro não contém nenhuma alteração ao registo: nada foi proposto.
regwb-link = Livro dos registos (XLSX)
