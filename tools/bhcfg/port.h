/*
 * Ports and channels (docs/config.md "Ports and channels"): the `port`
 * statement of a partition block, the `channel` block, and the whole-file
 * checks that connect them.
 */
#ifndef BHCFG_PORT_H
#define BHCFG_PORT_H

#include "parse.h"

/* `port <name> <kind> <direction> size <n> [refresh <d>] [depth <n>]
 * [vector <v>]` inside a partition block. */
void port_statement(struct parse_state *st, char *const *arg, unsigned nargs);

/* `channel <name>` opens a channel block. */
void channel_open(struct parse_state *st, char *const *arg, unsigned nargs);

extern const struct parse_stmt channel_stmts[];
extern const unsigned channel_nstmts;

/* After parsing and the time checks: resolve every channel end, check
 * both ends agree, every port is connected, number the ports. */
void port_validate(struct bhcfg_system *sys, struct bhcfg_diag *d);

/* Names used in the config file. */
const char *port_kind_name(unsigned kind);
const char *port_dir_name(unsigned direction);

#endif /* BHCFG_PORT_H */
