# Notifications facultatives par courriel de ce qui arrive dans la boîte de réception d’un membre.
mail-mention-subject = { $by } vous a mentionné (profil { $country })
mail-mention-body = { $by } vous a mentionné dans une discussion du profil migratoire { $country } :
mail-reply-subject = { $by } a répondu dans une discussion que vous suivez (profil { $country })
mail-reply-body = { $by } a répondu dans une discussion du profil migratoire { $country } à laquelle vous avez participé :
mail-waiting-subject = La soumission { $id } ({ $country }) vous attend
mail-waiting-body = La soumission { $id } de { $country } est { $state } et attend une étape que vous pouvez franchir.
mail-footer = Envoyé par mprofile parce que vous êtes membre du Groupe de travail technique. Votre boîte de réception dans l’espace de travail présente les mêmes éléments.
