// SPDX-License-Identifier: MIT
// RequestChart: requests per local clock hour over the last 24 hours, failures stacked in red, painted with QPainter.
#pragma once

#include <QDateTime>
#include <QList>
#include <QWidget>

#include "logs/requestlog.h"

class RequestChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestChart)
public:
    explicit RequestChart(QWidget *parent = nullptr);
    /// 24 hours, oldest first; `lastHourStart` is when the last one began (RequestLog::hourStart).
    void setHours(const QList<RequestLog::HourOutcome> &hours, const QDateTime &lastHourStart);
    const QList<RequestLog::HourOutcome> &hours() const { return m_hours; }
    /// "14:00–15:00: 12 requests, 2 failed" for bar `index` (the tooltip).
    QString hourText(int index) const;
    /// The bar under `x` (widget coordinates), or -1.
    int hourAt(int x) const;

    QSize sizeHint() const override { return {480, 160}; }
    QSize minimumSizeHint() const override { return {240, 110}; }

    /// The colour of the failed part of a bar.
    static QColor failureColour();

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    /// Where the bars go (below the legend, left of nothing, above the hour axis).
    QRect plotArea() const;
    QDateTime hourBegin(int index) const;

    QList<RequestLog::HourOutcome> m_hours;
    QDateTime m_lastHourStart;
};
