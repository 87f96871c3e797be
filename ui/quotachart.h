// SPDX-License-Identifier: MIT
// QuotaChart: one account's used quota over time, its limit, the reset and the forecast at the current pace.
#pragma once

#include <QDateTime>
#include <QList>
#include <QWidget>

#include "accounts/quotahistory.h"

class QuotaChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuotaChart)
public:
    explicit QuotaChart(QWidget *parent = nullptr);

    /// The readings to draw, the forecast made from them, and when the quota resets (invalid: unknown).
    void setHistory(const QList<QuotaHistory::Point> &points, const QuotaHistory::Forecast &forecast,
                    const QDateTime &resetAt, const QDateTime &now);
    int pointCount() const { return int(m_points.size()); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<QuotaHistory::Point> m_points;
    QuotaHistory::Forecast m_forecast;
    QDateTime m_resetAt;
    QDateTime m_now;
};
