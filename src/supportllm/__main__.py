from supportllm.cli.main import run

run()
