#include <cppsim/state.hpp>
#include <cppsim/circuit.hpp>
#include <cppsim/circuit_optimizer.hpp>
#include <cppsim/gate_factory.hpp>
#include <cppsim/gate_merge.hpp>
#include <cppsim/gate_matrix.hpp>
#include <cppsim/pauli_operator.hpp>
#include "common.hpp"
#include <memory>
static QuantumCircuit* build(const std::vector<Gate>& gates, const std::vector<double>& a, int n) {
    auto* c = new QuantumCircuit(n);
    for (size_t g = 0; g < gates.size(); g++) {
        const auto& gt = gates[g];
        if (gt.kind == 0) c->add_gate(gate::RotY(gt.target, a[g]));
        else if (gt.kind == 1) c->add_gate(gate::RotZ(gt.target, a[g]));
        else {
            std::unique_ptr<QuantumGateBase> rot(gate::RotY(gt.target, a[g]));
            auto* m = gate::to_matrix_gate(rot.get());
            m->add_control_qubit(gt.control, 1);
            c->add_gate(m);
        }
    }
    QuantumCircuitOptimizer().optimize_light(c);
    return c;
}
int main(int argc, char** argv) {
    std::string dir = argv[1]; int reps = argc > 2 ? atoi(argv[2]) : 10;
    auto gates = readCircuit(dir); auto angles = readAngles(dir);
    const int n = 12, batch = (int)angles.size();
    QuantumState state(n);
    std::vector<PauliOperator> z, x;
    for (int t = 0; t < n; t++) { z.emplace_back("Z " + std::to_string(t)); x.emplace_back("X " + std::to_string(t)); }
    std::vector<std::vector<double>> y(batch, std::vector<double>(2 * n));
    double best[4] = {1e300, 1e300, 1e300, 1e300};
    size_t gateCount = 0;
    for (int r = 0; r <= reps; r++) {
        // (1) per sample: build the circuit, optimize_light, run, read out
        double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
        for (int s = 0; s < batch; s++) {
            std::unique_ptr<QuantumCircuit> c(build(gates, angles[s], n));
            gateCount = c->gate_list.size();
            state.set_zero_state();
            c->update_quantum_state(&state);
            for (int t = 0; t < n; t++) { y[s][t] = z[t].get_expectation_value(&state).real(); y[s][n + t] = x[t].get_expectation_value(&state).real(); }
        }
        double wall = now(CLOCK_MONOTONIC) - w0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
        // (2) circuits built and optimized beforehand: run and read out only
        std::vector<std::unique_ptr<QuantumCircuit>> circuits;
        for (int s = 0; s < batch; s++) circuits.emplace_back(build(gates, angles[s], n));
        double w1 = now(CLOCK_MONOTONIC), c1 = now(CLOCK_PROCESS_CPUTIME_ID);
        for (int s = 0; s < batch; s++) {
            state.set_zero_state();
            circuits[s]->update_quantum_state(&state);
            for (int t = 0; t < n; t++) { y[s][t] = z[t].get_expectation_value(&state).real(); y[s][n + t] = x[t].get_expectation_value(&state).real(); }
        }
        double wall2 = now(CLOCK_MONOTONIC) - w1, cpu2 = now(CLOCK_PROCESS_CPUTIME_ID) - c1;
        if (r > 0) { best[0] = std::min(best[0], wall); best[1] = std::min(best[1], cpu); best[2] = std::min(best[2], wall2); best[3] = std::min(best[3], cpu2); }
    }
    writeOutputs(dir + "/qulacs-outputs.txt", y);
    printf("qulacs forward, batch %d (%zu gates after optimize_light): build+optimize+run best wall %.2f ms, CPU %.2f ms; run only best wall %.2f ms, CPU %.2f ms (of %d)\n",
        batch, gateCount, best[0], best[1], best[2], best[3], reps);
}
