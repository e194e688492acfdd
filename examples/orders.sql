-- An example SQL file: the language is inferred from the .sql extension.
CREATE TABLE orders (id INTEGER, region TEXT, amount REAL);
INSERT INTO orders VALUES (1, 'emea', 120.5), (2, 'amer', 80.0), (3, 'emea', 42.25);
SELECT region, COUNT(*) AS orders, SUM(amount) AS total FROM orders GROUP BY region ORDER BY region;
