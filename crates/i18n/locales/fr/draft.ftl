### Brouillons des membres (`mprofile build --draft`) : français.
### Chaque message existe en en, fr et pt-PT avec les mêmes $variables.

draft-mark = BROUILLON
draft-note = Brouillon réservé aux membres, à ne pas diffuser : il comprend des chiffres de soumissions pas encore publiées ({ $list }).
draft-note-none = Brouillon réservé aux membres, à ne pas diffuser : aucune soumission n'attend sa publication, les chiffres sont ceux publiés.
draft-submission = n° { $id } de { $org }, { $state }
