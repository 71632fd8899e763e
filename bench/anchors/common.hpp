#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include <algorithm>
struct Gate { int kind; int target; int control; }; // kind 0 ry, 1 rz, 2 cry
static std::vector<Gate> readCircuit(const std::string& dir) {
    std::ifstream f(dir + "/circuit.txt"); std::vector<Gate> g; std::string k; int t, c;
    while (f >> k >> t >> c) g.push_back({k == "ry" ? 0 : k == "rz" ? 1 : 2, t, c});
    return g;
}
static std::vector<std::vector<double>> readAngles(const std::string& dir) {
    std::ifstream f(dir + "/angles.txt"); std::vector<std::vector<double>> a; std::string line;
    while (std::getline(f, line)) { std::istringstream s(line); std::vector<double> r; std::string tok; while (s >> tok) r.push_back(std::strtod(tok.c_str(), nullptr)); if (!r.empty()) a.push_back(r); }
    return a;
}
static double now(clockid_t id) { timespec ts; clock_gettime(id, &ts); return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6; }
static void writeOutputs(const std::string& path, const std::vector<std::vector<double>>& y) {
    FILE* f = fopen(path.c_str(), "w");
    for (auto& r : y) { for (size_t i = 0; i < r.size(); i++) fprintf(f, i ? " %.17g" : "%.17g", r[i]); fprintf(f, "\n"); }
    fclose(f);
}
