"""The project workspace: the project cycle as one form per step, checked as it is filled."""
