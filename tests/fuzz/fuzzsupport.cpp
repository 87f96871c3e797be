// SPDX-License-Identifier: MIT
// FuzzSupport: Qt's logging is switched off once (a warning per input would dominate the run time).
#include "fuzzsupport.h"

#include <cstdio>
#include <cstdlib>

#include <QHashFunctions>
#include <QLoggingCategory>

namespace {

void dropMessage(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "qFatal: %s\n", qPrintable(message));
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
    qInstallMessageHandler(dropMessage);
    return 0;
}

namespace FuzzSupport {

QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

QList<qsizetype> splits(const QByteArray &input, qsizetype total, qsizetype maxChunk)
{
    quint64 state = quint64(qHashBits(input.constData(), size_t(input.size()), 0x9e3779b9u)) | 1u;
    QList<qsizetype> out;
    qsizetype left = total;
    while (left > 0) {
        // xorshift64: cheap, deterministic, good enough to vary split points.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        const qsizetype chunk = qMin(left, qsizetype(state % quint64(maxChunk + 1)));
        out.append(chunk);
        left -= chunk;
    }
    return out;
}

void require(bool ok, const char *what)
{
    if (ok)
        return;
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

} // namespace FuzzSupport
