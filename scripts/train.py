"""Train casefile's learned scorers (``make train``): see casefile/learn/train.py."""

import sys

from casefile.learn.train import main

if __name__ == "__main__":
    sys.exit(main())
