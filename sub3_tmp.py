import sys
from fibromap.analysis.all_insights import insights_of
from tests.simulations.calibration import NULL
from tests.simulations.histories import history
sc = NULL[int(sys.argv[1])]
for seed in range(1000, 1000+int(sys.argv[2])):
    for c in insights_of(history(sc, seed)).comparisons:
        if c.enough and c.estimable and c.p_value < 0.002:
            print(seed, c.title[:45], c.n_exposed, c.n_other, round(c.p_value,5), round(c.q_value,4), round(c.result.df,1), c.result.shifts, c.notable)
