# Convenience targets; the README's two commands are the scripts themselves.
.PHONY: main test bench fixtures zoo
main:
	bash scripts/main.sh
test:
	bash scripts/test.sh
bench:
	swift build -c release && python3 bench/stats_bench.py
fixtures:
	python3 scripts/reference/make_stat_fixtures.py && python3 scripts/reference/make_format_fixtures.py
zoo:
	bash scripts/zoo/rebuild.sh
