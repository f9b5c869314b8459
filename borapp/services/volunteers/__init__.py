"""Volunteers (BOR-medewerkers): the pool, their profiles, trainings and meetings.

- `profiles`: the list with case load and VOG state, a profile, saving with validation, trainings, availability
- `meetings`: volunteer meetings per region and theme evenings, with attendance
"""
