"""What a person's answers to a form mean, for every surface: typed access to the values
(values.py), one parser per step (steps.py, discussion.py) and the table of the officer's
steps: which button opens which form and which procedure step it takes (workflows.py). A
surface turns its submission into {field: value}; everything after that is here."""
