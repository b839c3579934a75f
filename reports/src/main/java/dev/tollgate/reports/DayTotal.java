package dev.tollgate.reports;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Cost and requests of one UTC day; every day of the period has one, zero or not. */
public record DayTotal(LocalDate day, long requests, BigDecimal costUsd) {}
