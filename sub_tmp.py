import sys
from tests.simulations.calibration import NULL, tally
n=int(sys.argv[1]); first=int(sys.argv[2]) if len(sys.argv)>2 else 0
for i in map(int, sys.argv[3].split(',')):
    t = tally(NULL[i], n, first)
    print(NULL[i].name[:30], t.histories, t.any_notable, round(t.any_notable/t.histories,3), t.interval(), round(t.below_005/t.comparisons,4), round(t.notable/t.comparisons,4), flush=True)
