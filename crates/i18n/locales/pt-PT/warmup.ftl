# A página inicial enquanto o servidor, acabado de arrancar, ainda prepara os perfis.
warmup-pending = Números-chave em preparação: recarregue a página dentro de momentos, ou abra o perfil.
