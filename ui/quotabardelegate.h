// SPDX-License-Identifier: MIT
// QuotaBarDelegate: paints the quota column as a bar whose fill, colour and label say the same thing.
#pragma once

#include <QColor>
#include <QStyledItemDelegate>

class QuotaBarDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuotaBarDelegate)
public:
    explicit QuotaBarDelegate(QObject *parent = nullptr)
        : QStyledItemDelegate(parent)
    {}
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    /// > 30 % remaining green, 10–30 % yellow, < 10 % red; unknown (< 0) grey.
    static QColor bandColor(double remainingPercent);
    /// The bar inside a cell, and the filled part of it for `usedPercent` (0–100).
    static QRect barRect(const QRect &cell);
    static QRect fillRect(const QRect &bar, double usedPercent);
    /// Dark or light text, whichever has the higher contrast on `background`.
    static QColor textColorOn(const QColor &background);
    /// The WCAG contrast ratio of two colours (1–21).
    static double contrast(const QColor &a, const QColor &b);
};
