#!/usr/bin/env bash
# The trainer on a GPU machine that has PyTorch but no .NET: `pack` (here) puts the device check
# (tests/LiveGraphRec.DeviceCheck), a .NET runtime and a data set into .gpu/ (git-ignored); `run` (there, from the
# repository root) unpacks them and runs the check against that machine's libtorch — python's torch/lib, whose
# CUDA build TorchSharp's LibTorchSharp loads in place of the CPU libtorch it was built with.
#
#   scripts/device-check.sh pack ../shared/data/gowalla          # here; then carry .gpu to the GPU machine
#   scripts/device-check.sh run 3 mixgcf                          # there: EPOCHS SAMPLER [NEGATIVES [AVERAGE]] (EPOCHS 0: comparisons only)
#   scripts/device-check.sh ablation 40 5 480                     # there: EPOCHS EVAL_EVERY DEADLINE_SECONDS
#
# `run`: the check prints what TorchSharp sees, compares the device's propagation and one training epoch with the
# CPU's from the same start (non-zero exit if the propagation differs by more than 1e-4), then trains on the data set
# with the paper's settings and prints each epoch's time and Recall/NDCG@20. Output also goes to $OUT/check.log.
# `ablation`: `lgr bench ablation` with every row (and the SGCN robustness rows at 10 % and 20 % noise) in its own
# process, all at once on the one GPU, each stopped at the deadline; rows evaluate every EVAL_EVERY epochs, so a
# stopped row keeps its evaluations so far. The merged table (row order) goes to $OUT/ablation.md, the per-row
# tables and logs to $OUT/ablation.tgz. On an H200 the GPU was saturated (99 %) from about 7 concurrent rows.
# Settings (environment): TORCH_LIB (libtorch folder; default python's torch/lib), DEVICE (default cuda), ROWS.
set -euo pipefail
cd "$(dirname "$0")/.."
# The device side: unpack the runtime and data, and point LibTorchSharp at this machine's libtorch.
setup() {
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || true
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  tar -C "$work" -xJf .gpu/dotnet.tar.xz
  tar -C "$work" -xJf .gpu/data.tar.xz
  torch_lib=${TORCH_LIB:-$(python3 -c "import torch, os; print(os.path.join(os.path.dirname(torch.__file__), 'lib'))")}
  python3 -c "import torch; print('python torch', torch.__version__, 'CUDA', torch.version.cuda, torch.cuda.is_available())" || true
  export LD_LIBRARY_PATH="$torch_lib" DOTNET_ROOT="$work"
  echo "unresolved symbols of LibTorchSharp against this libtorch (none expected):"
  ldd -r .gpu/app/runtimes/linux-x64/native/libLibTorchSharp.so 2>&1 | grep -E "not found|undefined symbol" || echo "  none"
}

case "${1:-}" in
  pack)
    data=${2:?usage: scripts/device-check.sh pack DATA_FOLDER}
    dotnet build tests/LiveGraphRec.DeviceCheck -c Release -o .gpu/app
    dotnet build client/LiveGraphRec.Client -c Release -o .gpu/lgr
    # Only LibTorchSharp travels: the GPU machine's libtorch replaces the CPU one (~480 MB).
    for app in .gpu/app .gpu/lgr; do
      find $app/runtimes -type f ! -path '*/linux-x64/native/libLibTorchSharp.so' -delete
      find $app/runtimes -type d -empty -delete
    done
    tar -C .gpu -cJf .gpu/lgr.tar.xz lgr && rm -rf .gpu/lgr
    dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
    # lgr also needs ASP.NET Core's shared framework (its client library references it).
    runtimes=$(cd "$dotnet_root" && for f in Microsoft.NETCore.App Microsoft.AspNetCore.App; do ls -d shared/$f/* | sort -V | tail -1; done)
    tar -C "$dotnet_root" -cJf .gpu/dotnet.tar.xz dotnet host $runtimes
    tar -C "$(dirname "$(readlink -f "$data")")" -cJf .gpu/data.tar.xz "$(basename "$(readlink -f "$data")")"
    echo "$(basename "$(readlink -f "$data")")" > .gpu/data.name
    du -sh .gpu
    ;;
  run)
    shift
    setup
    cd .gpu/app
    "$work/dotnet" LiveGraphRec.DeviceCheck.dll "$work/$(cat ../data.name)" "$@" 2>&1 | tee "${OUT:-/tmp}/check.log"
    ;;
  ablation)
    epochs=${2:?usage: scripts/device-check.sh ablation EPOCHS EVAL_EVERY DEADLINE_SECONDS}; every=${3:?}; deadline=${4:?}
    setup
    tar -C "$work" -xJf .gpu/lgr.tar.xz
    out="${OUT:-/tmp}/ablation"; mkdir -p "$out"
    # Each job: ROW:NOISE. The main table at noise 0, then the robustness sweep's noisy rows.
    queue=${ROWS:-"lightgcn-rns:0 lightgcn-dns:0 lightgcn-mixgcf:0 mixgcf-no-positive:0 mixgcf-l1:0 mixgcf-l2:0 mixgcf-m8:0 mixgcf-m16:0 mixgcf-m32:0 slightgcn:0 ngcf-rns:0 ngcf-mixgcf:0 lightgcn-pinsage:0 hashgnn:0 hashgnn-w0.1:0 lightgcn-rns:0.1 slightgcn:0.1 lightgcn-rns:0.2 slightgcn:0.2"}
    for job in $queue; do
      row=${job%%:*}; noise=${job##*:}
      timeout --signal=KILL "$deadline" "$work/dotnet" "$work/lgr/lgr.dll" bench ablation --data "$work/$(cat .gpu/data.name)" \
        --rows "$row" --noise "$noise" --epochs "$epochs" --eval-every "$every" --threads 1 --device "${DEVICE:-cuda}" \
        --out "$out/$row-$noise.md" > "$out/$row-$noise.log" 2>&1 &
    done
    while sleep 60; do
      jobs -r | wc -l | xargs echo "$(date -u +%T) running:"; nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader 2>/dev/null || true
      [ -z "$(jobs -r)" ] && break
    done
    wait || true
    # One table: the first file's heading, then every file's lines in job order.
    first=$(ls "$out"/*.md 2>/dev/null | head -1 || true)
    [ -n "$first" ] || { echo "no row reached its first evaluation before the deadline"; first=/dev/null; }
    { sed -n '1,/^|---/p' "$first"; for job in $queue; do f="$out/${job%%:*}-${job##*:}.md"; if [ -f "$f" ]; then grep '^| ' "$f" | tail -n +2; fi; done; } > "$out/merged.md"
    cat "$out/merged.md"
    # Few files travel back from a lent machine: the per-row tables and logs as one archive beside the merged table.
    tar -C "$out" -czf "$out.tgz" . && mv "$out/merged.md" "$out.md" && rm -rf "$out"
    ;;
  *)
    sed -n 2,17p "$0"; exit 2 ;;
esac
