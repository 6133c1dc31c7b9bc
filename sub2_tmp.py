import sys
import fibromap.analysis.shifts as sh
sh._MODE = sys.argv[1]
from tests.simulations.calibration import NULL, tally, POWER, found
n=int(sys.argv[2]); first=int(sys.argv[3])
for i in map(int, sys.argv[4].split(',')):
    if i >= 10:
        sc, titles = POWER[i-10]
        print(sys.argv[1], sc.name[:20], found(sc, titles, n), flush=True); continue
    t = tally(NULL[i], n, first)
    print(sys.argv[1], NULL[i].name[:30], t.histories, t.any_notable, round(t.any_notable/t.histories,3), round(t.below_005/t.comparisons,4), round(t.notable/t.comparisons,4), flush=True)
