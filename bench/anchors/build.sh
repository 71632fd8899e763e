#!/usr/bin/env bash
# Builds the two anchor simulators (QuEST v4.1.0, qulacs v0.6.13) and the drivers in this folder, outside the
# repository, with the settings of docs/quantum-engine.md ("Anchors"): one thread, double precision, Release.
# Needs git, cmake, g++ (GCC 12 was used), Boost headers and Eigen 3 (Debian: libboost-dev libeigen3-dev).
#
# Usage: bench/anchors/build.sh WORK_DIR
# Leaves WORK_DIR/quest_driver, WORK_DIR/quest_driver_native and WORK_DIR/qulacs_driver.
set -euo pipefail

work=$(mkdir -p "${1:?usage: $0 WORK_DIR}" && cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
cd "$work"

checkout() { # repo url, tag, expected commit, folder
  if [ ! -d "$4" ]; then git clone --quiet --branch "$2" --depth 1 "$1" "$4"; fi
  local head; head=$(git -C "$4" rev-parse HEAD)
  [ "$head" = "$3" ] || { echo "$4: expected commit $3 (tag $2), found $head" >&2; exit 1; }
}
checkout https://github.com/QuEST-Kit/QuEST.git v4.1.0 2d1a6fbc147b38a2fa32e10ac007120578b605ff quest
checkout https://github.com/qulacs/qulacs.git v0.6.13 447fec04fac0536e6ff3633e155f9052285c08f2 qulacs

# QuEST: shared library without OpenMP, doubles; once with QuEST's own flags, once with -march=native.
quest_build() { # folder, extra C/C++ flags
  cmake -S quest -B "$1" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON -DENABLE_MULTITHREADING=OFF \
    -DENABLE_DISTRIBUTION=OFF -DENABLE_CUDA=OFF -DENABLE_HIP=OFF -DENABLE_TESTING=OFF -DFLOAT_PRECISION=2 \
    -DCMAKE_C_FLAGS="$2" -DCMAKE_CXX_FLAGS="$2" >"$1.cmake.log" 2>&1
  cmake --build "$1" -j "$(nproc)" >"$1.build.log" 2>&1
}
quest_build quest-build ""
quest_build quest-native "-march=native"

# qulacs: the C++ core only (cppsim + csim static libraries) with its default -O3 -march=native and SIMD kernels.
# Its CMake file downloads Eigen 3.3.7; use the system's Eigen 3 instead (3.4.0 on Debian 12).
if ! grep -q "set(EIGEN_INCLUDE_DIR /usr/include/eigen3)" qulacs/CMakeLists.txt; then
  # Replace the ExternalProject_Add(eigen ...) block by the system include folder and an empty target of that name.
  sed -i '/^ExternalProject_Add($/,/^)$/c\set(EIGEN_INCLUDE_DIR /usr/include/eigen3)\nadd_custom_target(eigen)' qulacs/CMakeLists.txt
fi
cmake -S qulacs -B qulacs-build -DCMAKE_BUILD_TYPE=Release -DUSE_OMP=No -DUSE_PYTHON=No -DUSE_TEST=No -DUSE_GPU=No \
  -DUSE_MPI=No >qulacs-build.cmake.log 2>&1
cmake --build qulacs-build -j "$(nproc)" --target cppsim_static csim_static >qulacs-build.build.log 2>&1
qlib=$(dirname "$(find . -name libcppsim_static.a -not -path "./quest*" | head -n 1)")  # qulacs writes its libraries to ../lib of its source

# The drivers (one thread, -O3 -march=native).
for q in quest-build quest-native; do
  name=quest_driver; [ "$q" = quest-native ] && name=quest_driver_native
  g++ -O3 -march=native -std=c++17 -I quest/quest/include -I "$q/include" -I quest -o "$name" "$here/quest_driver.cpp" \
    -L "$q" -lQuEST -Wl,-rpath,"$work/$q"
done
g++ -O3 -march=native -std=c++17 -D_USE_SIMD -I qulacs/src -I /usr/include/eigen3 -o qulacs_driver \
  "$here/qulacs_driver.cpp" "$qlib/libcppsim_static.a" "$qlib/libcsim_static.a"
echo "built: $work/quest_driver $work/quest_driver_native $work/qulacs_driver"
