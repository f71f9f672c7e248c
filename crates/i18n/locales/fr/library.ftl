### La bibliothèque de documents, les guides de collecte et les textes à rédiger : français.
### Chaque message existe en en, fr et pt-PT avec les mêmes $variables.

library-awaiting-text = [Texte en attente] Le texte de cette section n'est pas encore rédigé ou approuvé dans cette langue.
