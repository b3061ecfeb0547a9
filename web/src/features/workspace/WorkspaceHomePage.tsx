import { Button, Card, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, PERMISSIONS } from '../../api/schemas';
import { useSignedInMe } from '../../app/me-context';
import { usePageTitle } from '../../components/usePageTitle';

/** Landing page of the staff workspace. */
export function WorkspaceHomePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  usePageTitle(t('workspace.pageTitle'));
  return (
    <Stack gap="md" maw={720}>
      <Title order={1}>{t('workspace.heading', { name: me.staff.fullName })}</Title>
      <Text>{t('workspace.unit', { unit: me.staff.unitName })}</Text>
      {can(me, PERMISSIONS.reportsRead) && (
        <Card withBorder padding="md" data-testid="home-dashboard">
          <Stack gap="xs" align="flex-start">
            <Text>{t('workspace.dashboardHint')}</Text>
            <Button component={Link} to="/staff/dashboard">
              {t('workspace.dashboardLink')}
            </Button>
          </Stack>
        </Card>
      )}
      <Title order={2} size="h4">
        {t('workspace.rolesHeading')}
      </Title>
      {me.roles.length === 0 ? (
        <Text>{t('workspace.noRoles')}</Text>
      ) : (
        <List>
          {me.roles.map((grant) => (
            <List.Item key={`${grant.role}:${grant.unitId}`}>
              {t('workspace.roleAt', { role: t(`roles.${grant.role}`), unit: grant.unitName })}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
