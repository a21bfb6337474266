## A short benchmark run (~2 min) that CI may call.
.PHONY: bench-smoke
bench-smoke:
	BENCH_SMOKE=1 bench/bench.sh
