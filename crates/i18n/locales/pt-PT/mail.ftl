# Notificações facultativas por correio eletrónico do que chega à caixa de entrada de um membro.
mail-mention-subject = { $by } mencionou-o (perfil { $country })
mail-mention-body = { $by } mencionou-o numa discussão do perfil migratório { $country }:
mail-reply-subject = { $by } respondeu numa discussão que segue (perfil { $country })
mail-reply-body = { $by } respondeu numa discussão do perfil migratório { $country } em que participou:
mail-waiting-subject = A submissão { $id } ({ $country }) aguarda por si
mail-waiting-body = A submissão { $id } de { $country } está { $state } e aguarda um passo que pode dar.
mail-footer = Enviado pelo mprofile porque é membro do Grupo de Trabalho Técnico. A sua caixa de entrada no espaço de trabalho mostra o mesmo.
