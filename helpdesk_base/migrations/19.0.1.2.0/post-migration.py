# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer replies: existing teams wait for the customer in the default
"Waiting for Customer" stage when they use it, and the open tickets whose last
public message is the customer's are marked as needing a reply."""


def migrate(cr, version):
    cr.execute(
        """
        INSERT INTO helpdesk_team_waiting_stage_rel (team_id, stage_id)
        SELECT rel.team_id, rel.stage_id
          FROM helpdesk_stage_team_rel rel
          JOIN ir_model_data imd
            ON imd.model = 'helpdesk.stage' AND imd.res_id = rel.stage_id
           AND imd.module = 'helpdesk_base' AND imd.name = 'stage_waiting'
        ON CONFLICT DO NOTHING
        """
    )
    # the last public message (comment or e-mail, public subtype) of each ticket,
    # and whether an internal user wrote it
    cr.execute(
        """
            WITH last_public AS (
                SELECT DISTINCT ON (msg.res_id)
                       msg.res_id, msg.date, msg.author_id,
                       EXISTS (
                           SELECT 1 FROM res_users u
                            WHERE u.partner_id = msg.author_id AND NOT u.share
                       ) AS by_agent
                  FROM mail_message msg
                  JOIN mail_message_subtype st ON st.id = msg.subtype_id
                 WHERE msg.model = 'helpdesk.ticket'
                   AND msg.message_type IN ('comment', 'email')
                   AND NOT COALESCE(msg.is_internal, FALSE)
                   AND NOT COALESCE(st.internal, FALSE)
              ORDER BY msg.res_id, msg.date DESC, msg.id DESC
            )
            UPDATE helpdesk_ticket t
               SET needs_reply = NOT lp.by_agent AND t.is_closed IS NOT TRUE,
                   date_last_customer_message = CASE
                       WHEN lp.by_agent THEN t.date_last_customer_message
                       ELSE lp.date END
              FROM last_public lp
             WHERE lp.res_id = t.id
        """
    )
