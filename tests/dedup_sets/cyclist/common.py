# shared category shorthands for the hand-written pair files
P = "preference"
F = "fact"
T = "pattern"
