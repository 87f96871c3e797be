// SPDX-License-Identifier: MIT
// SelectionStrategy: which available account serves the next request (docs/protocol.md §13.6, deterministic).
#pragma once

#include <QList>
#include <QString>

class SelectionStrategy
{
public:
    enum class Kind { RoundRobin, Random, LeastUsed, SequentialExhaust };

    struct Candidate
    {
        QString id;
        qint64 requests = 0;
        bool knownEmpty = false; ///< cached quota says nothing is left
    };

    static QString name(Kind k);
    static bool fromName(const QString &name, Kind *out);
    static QList<Kind> all() { return {Kind::RoundRobin, Kind::Random, Kind::LeastUsed, Kind::SequentialExhaust}; }

    /// Picks from `available` (already ordered by creation time, then id). `ordered` is every account in that order
    /// (for sequential-exhaust wrap-around). `cursor` is the strategy's memory (last served / current account id);
    /// it is updated. `random` is a value in [0, 1).
    static QString pick(Kind kind, const QList<Candidate> &available, const QStringList &ordered, QString &cursor,
                        double random);
};
