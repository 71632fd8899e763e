#include "quest.h"
#include "common.hpp"
int main(int argc, char** argv) {
    std::string dir = argv[1]; int reps = argc > 2 ? atoi(argv[2]) : 10;
    auto gates = readCircuit(dir); auto angles = readAngles(dir);
    const int n = 12, batch = (int)angles.size();
    initQuESTEnv();
    Qureg q = createQureg(n);
    std::vector<PauliStr> z, x;
    for (int t = 0; t < n; t++) { z.push_back(getPauliStr("Z", std::vector<int>{t})); x.push_back(getPauliStr("X", std::vector<int>{t})); }
    std::vector<std::vector<double>> y(batch, std::vector<double>(2 * n));
    double bestWall = 1e300, bestCpu = 1e300;
    for (int r = 0; r <= reps; r++) {
        double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
        for (int s = 0; s < batch; s++) {
            initZeroState(q);
            const auto& a = angles[s];
            for (size_t g = 0; g < gates.size(); g++) {
                const auto& gt = gates[g];
                if (gt.kind == 0) applyRotateY(q, gt.target, a[g]);
                else if (gt.kind == 1) applyRotateZ(q, gt.target, a[g]);
                else applyControlledRotateY(q, gt.control, gt.target, a[g]);
            }
            for (int t = 0; t < n; t++) { y[s][t] = calcExpecPauliStr(q, z[t]); y[s][n + t] = calcExpecPauliStr(q, x[t]); }
        }
        double wall = now(CLOCK_MONOTONIC) - w0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
        if (r > 0) { bestWall = std::min(bestWall, wall); bestCpu = std::min(bestCpu, cpu); } // r = 0 is a warm-up
    }
    writeOutputs(dir + "/quest-outputs.txt", y);
    printf("QuEST forward, batch %d: best wall %.2f ms, best CPU %.2f ms (of %d)\n", batch, bestWall, bestCpu, reps);
    destroyQureg(q);
    finalizeQuESTEnv();
}
