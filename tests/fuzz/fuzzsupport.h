// SPDX-License-Identifier: MIT
// FuzzSupport: what every libFuzzer target shares: quiet Qt logging, input views, splits, invariant checks.
#pragma once

#include <cstddef>
#include <cstdint>

#include <QByteArray>
#include <QList>

namespace FuzzSupport {

/// The fuzzer's input as a QByteArray that does not copy it (valid during LLVMFuzzerTestOneInput only).
QByteArray bytes(const uint8_t *data, size_t size);

/// Deterministic chunk sizes (0..maxChunk, summing to `total`) derived from the input, so one input always splits
/// the same way and a mutation of the input also moves the split points.
QList<qsizetype> splits(const QByteArray &input, qsizetype total, qsizetype maxChunk = 64);

/// Aborts with `what` on stderr when `ok` is false: libFuzzer reports the input as a crash and keeps it.
void require(bool ok, const char *what);

} // namespace FuzzSupport
