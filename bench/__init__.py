"""`python -m bench` (`make bench`): where the bot's time and memory go, against the sandbox on 127.0.0.1.

Benchmarks (each can run alone with `--only NAME`):

- `single`: one account, full default plan, at 0 ms and 150 ms added latency, split by phase; in the same run,
  the floor (the same page actions as a bare straight-line Selenium script) and the library pieces driven one by
  one (check / apply / verify / screenshots per flow);
- `batch`: accounts per minute with 1, 2 and 4 workers over fresh sandbox accounts, with the peak PSS of the
  browser process tree sampled in the background;
- `resume`: resuming a finished batch, which must start no browser;
- `remote`: the `batch` throughput again through a remote WebDriver endpoint (chromedriver run as a server on a
  loopback port), where the bot runs fresh sessions;
- `reuse`: fresh sessions with browser reuse on and off (1 and 2 workers): whether keeping a worker's wiped browser
  pays.
- `grid`: the batch through a real Selenium Grid (a hub and 1, then 2 nodes of one slot each; workers = nodes),
  beside the local batch of the same workers in the same run;
- `all-privacy`: the `batch` throughput (1 and 2 workers) with `--only all-privacy`, every flow of the registry,
  against a sandbox serving the registry's whole settings table.

Results go to bench/results.json and bench/results.md (a `--quick` smoke run writes bench/results-quick.json).
This is a measurement, not a test: nothing here asserts on time.
"""
