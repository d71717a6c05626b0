#!/usr/bin/env bash
# The trainer on a GPU machine that has PyTorch but no .NET: `pack` (here) puts the device check
# (tests/LiveGraphRec.DeviceCheck), a .NET runtime and a data set into .gpu/ (git-ignored); `run` (there, from the
# repository root) unpacks them and runs the check against that machine's libtorch — python's torch/lib, whose
# CUDA build TorchSharp's LibTorchSharp loads in place of the CPU libtorch it was built with.
#
#   scripts/device-check.sh pack ../shared/data/gowalla          # here; then carry .gpu to the GPU machine
#   scripts/device-check.sh run 3 mixgcf                          # there: EPOCHS SAMPLER [NEGATIVES [AVERAGE]]
#
# The check prints what TorchSharp sees, compares the device's propagation and one training epoch with the CPU's
# from the same start (non-zero exit if the propagation differs by more than 1e-4), then trains on the data set
# with the paper's settings and prints each epoch's time and Recall/NDCG@20. Output also goes to $OUT/check.log.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  pack)
    data=${2:?usage: scripts/device-check.sh pack DATA_FOLDER}
    dotnet build tests/LiveGraphRec.DeviceCheck -c Release -o .gpu/app
    # Only LibTorchSharp travels: the GPU machine's libtorch replaces the CPU one (~480 MB).
    find .gpu/app/runtimes -type f ! -path '*/linux-x64/native/libLibTorchSharp.so' -delete
    find .gpu/app/runtimes -type d -empty -delete
    dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
    runtime=$(cd "$dotnet_root" && ls -d shared/Microsoft.NETCore.App/* | sort -V | tail -1)
    tar -C "$dotnet_root" -cJf .gpu/dotnet.tar.xz dotnet host "$runtime"
    tar -C "$(dirname "$(readlink -f "$data")")" -cJf .gpu/data.tar.xz "$(basename "$(readlink -f "$data")")"
    echo "$(basename "$(readlink -f "$data")")" > .gpu/data.name
    du -sh .gpu
    ;;
  run)
    shift
    nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || true
    work=$(mktemp -d)
    tar -C "$work" -xJf .gpu/dotnet.tar.xz
    tar -C "$work" -xJf .gpu/data.tar.xz
    torch_lib=$(python3 -c "import torch, os; print(os.path.join(os.path.dirname(torch.__file__), 'lib'))")
    python3 -c "import torch; print('python torch', torch.__version__, 'CUDA', torch.version.cuda, torch.cuda.is_available())"
    export LD_LIBRARY_PATH="$torch_lib" DOTNET_ROOT="$work"
    echo "unresolved symbols of LibTorchSharp against this libtorch (none expected):"
    ldd -r .gpu/app/runtimes/linux-x64/native/libLibTorchSharp.so 2>&1 | grep -E "not found|undefined symbol" || echo "  none"
    cd .gpu/app
    "$work/dotnet" LiveGraphRec.DeviceCheck.dll "$work/$(cat ../data.name)" "$@" 2>&1 | tee "${OUT:-/tmp}/check.log"
    ;;
  *)
    sed -n 2,13p "$0"; exit 2 ;;
esac
