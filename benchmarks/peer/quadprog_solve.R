# R's quadprog (Goldfarb-Idnani, Fortran) on the games benchmarks/peer/qp_compare.py writes: for each K, the problem
#   min -d'w + 1/2 w'Dw  subject to  sum(w) = 1, w >= 0
# read from k<K>.D.txt and k<K>.d.txt. Prints one line per K: K, the first call's ms, the steady-state mean ms, then w.
# Usage: Rscript benchmarks/peer/quadprog_solve.R DIR K [K ...]
suppressMessages(library(quadprog))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
for (k in as.integer(args[-1])) {
  D <- as.matrix(read.table(file.path(dir, sprintf("k%d.D.txt", k))))
  d <- scan(file.path(dir, sprintf("k%d.d.txt", k)), quiet = TRUE)
  A <- cbind(rep(1, k), diag(k))
  b <- c(1, rep(0, k))
  t0 <- proc.time()[["elapsed"]]
  w <- solve.QP(D, d, A, b, meq = 1)$solution
  first <- (proc.time()[["elapsed"]] - t0) * 1e3
  # Steady state: repeat for about two seconds (at least 3 times), as the cvxopt side does.
  n <- 3
  repeat {
    t0 <- proc.time()[["elapsed"]]
    for (i in seq_len(n)) w <- solve.QP(D, d, A, b, meq = 1)$solution
    elapsed <- proc.time()[["elapsed"]] - t0
    if (elapsed >= 2 || n >= 200000) break
    n <- n * 4
  }
  cat(k, first, elapsed / n * 1e3, w, "\n")
}
