"""The canvas: a QGraphicsScene that mirrors the campaign model, its items and its view."""
