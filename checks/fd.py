"""Finite differences: the independent second opinion on autodiff.

Central differences at two steps, Richardson-extrapolated, with an error estimate and a
rounding-noise floor, so a correct tiny element is never a false alarm. Second-order one-sided
differences on either side tell a kink (ReLU at 0, |x| at 0, a max tie) from a smooth point.

All evaluations go through one jitted, vmapped function of the flat parameter vector with a fixed
batch size, so a whole check costs one compile however many elements and directions it probes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import jax
import jax.numpy as jnp
import numpy as np

from checks.tolerances import Tolerance

BATCH = 32  # perturbed points per compiled call; fixed so the shape (and the compile) is one


@dataclass
class Probe:
    """The directional derivative of the loss along `direction` (a unit element or a vector)."""

    central: float  # Richardson-extrapolated central difference
    error: float  # its error estimate plus the rounding-noise floor
    left: float  # second-order one-sided differences
    right: float

    @property
    def kink(self) -> bool:
        jump = abs(self.right - self.left)
        # Smooth: the one-sided estimates differ by O(h^2 f'''); a kink by the derivative's jump.
        return jump > 1e-4 * (abs(self.right) + abs(self.left)) + 100 * self.error + 1e-10


class FlatProber:
    """Evaluates a scalar function of a flat float64 vector at many perturbations of one point."""

    def __init__(self, f_flat: Callable[[jnp.ndarray], jnp.ndarray], theta: np.ndarray, tol: Tolerance):
        self.theta = np.asarray(theta, dtype=np.float64)
        self.tol = tol
        self._f = jax.jit(jax.vmap(f_flat))
        self.f0 = float(self._eval(self.theta[None, :])[0])

    def _eval(self, points: np.ndarray) -> np.ndarray:
        out = []
        for start in range(0, len(points), BATCH):
            chunk = points[start : start + BATCH]
            pad = BATCH - len(chunk)
            if pad:
                chunk = np.concatenate([chunk, np.repeat(chunk[-1:], pad, axis=0)])
            out.append(np.asarray(self._f(jnp.asarray(chunk)))[: BATCH - pad])
        return np.concatenate(out) if out else np.zeros(0)

    def probe(self, directions: np.ndarray) -> list[Probe]:
        """Directional derivatives along each row of `directions` (shape (k, P))."""
        directions = np.asarray(directions, dtype=np.float64)
        if len(directions) == 0:
            return []
        scale = np.maximum(1.0, np.max(np.abs(self.theta[None, :]) * (directions != 0), axis=1))
        h = self.tol.step * scale
        offsets = np.array([1.0, -1.0, 0.5, -0.5])
        points = self.theta[None, None, :] + (offsets[None, :, None] * h[:, None, None]) * directions[:, None, :]
        vals = self._eval(points.reshape(-1, self.theta.size)).reshape(len(directions), 4)
        fp, fm, fph, fmh = vals.T
        f0 = self.f0
        d1 = (fp - fm) / (2 * h)
        d2 = (fph - fmh) / h
        rich = (4 * d2 - d1) / 3
        noise = 64 * np.finfo(np.float64).eps * (abs(f0) + np.abs(vals).max(axis=1)) / h
        err = np.abs(rich - d2) + noise
        right = (-3 * f0 + 4 * fph - fp) / h
        left = (3 * f0 - 4 * fmh + fm) / h
        return [Probe(float(r), float(e), float(lft), float(rt)) for r, e, lft, rt in zip(rich, err, left, right)]

    def agrees(self, probe: Probe, autodiff: float) -> bool:
        allowed = self.tol.fd_atol + self.tol.fd_rtol * abs(autodiff) + 10 * probe.error
        return abs(probe.central - autodiff) <= allowed
