# La page d'accueil pendant que le serveur, tout juste démarré, prépare encore les profils.
warmup-pending = Chiffres clés en préparation : rechargez la page dans un instant, ou ouvrez le profil.
